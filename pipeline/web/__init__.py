"""The worker's dashboard: pages and API (views.py), their figures (figures.py, pure), and
the page's assets as package data, the chart library (uPlot, MIT) vendored beside them."""
