"""Static exports of the maps: PNG images for slides and a PowerPoint briefing deck."""
