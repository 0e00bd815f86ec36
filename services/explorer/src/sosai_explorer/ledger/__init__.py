"""ledger pages of the explorer."""
