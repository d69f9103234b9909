"""faust agents, one module each. Agents stay thin: decode, call pipeline.core, send."""
