"""Who may claim a retirement, and the signed claim document of a certificate.

Certification owns the claim: it decides which retirements back an application (the
applicant retired them itself, or an Anshin provider retired them naming the applicant as
``beneficiary_org``), and it signs the chain footprint → plan → retirements → certificate.
"""
