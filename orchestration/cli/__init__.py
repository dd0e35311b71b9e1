"""The `tineng` command line."""
