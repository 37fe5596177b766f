"""Gazetteer sources, one module each, merged by priority: user > curated > world > online."""
