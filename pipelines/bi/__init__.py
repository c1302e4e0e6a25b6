"""Business-intelligence tools over the published warehouse (Apache Superset, ``make bi``)."""
