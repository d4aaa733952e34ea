"""The domain rules as pure functions and data: no Flask, no database."""
