"""geomap: news reporting on military incidents and deployments, turned into layered offline maps.

The data flows one way: ``corpus`` (articles in) -> ``gazetteer`` (places) -> ``extract``
(dated events) -> ``windows`` -> ``maps`` and ``export`` (HTML, PNG, PPTX out).
"""
__version__ = "0.1.0"
