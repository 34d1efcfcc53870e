"""One module a subcommand, each with ``run(args) -> int``."""
