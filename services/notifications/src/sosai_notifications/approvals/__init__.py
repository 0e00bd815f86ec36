"""The four-eyes proposals waiting for an officer, and the digest that tells the officers."""
