"""Guidelines: the company's policy as versioned YAML, published explicitly, acknowledged by
every employee. The engine (`manyvoices.engine`) validates and applies it."""
