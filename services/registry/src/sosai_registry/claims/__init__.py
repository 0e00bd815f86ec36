"""Who a retirement may be claimed for, and the signed claim document of a retirement.

The registry owns one rule of the claim chain: only an Anshin provider's account may retire
*for another organisation* (``beneficiary_org``); any holder may retire for itself.
"""
