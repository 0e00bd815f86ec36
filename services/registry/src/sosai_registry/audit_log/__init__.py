"""The registry's tamper-evident transaction log: a hash chain over completed transactions.

Every transaction that completes gets the next sequence number and a hash over the canonical
serialisation of what it moved (kind, time, and each serial range with its accounts), chained
to the previous hash. The chain is appended at commit, under a lock on the head row, so its
order is the commit order. Entries are served from the live ledger tables, so changing any
stored transaction or moved range afterwards breaks the chain for every verifier.
"""
