"""E-mail: contacts and their language, templates, the outbox, the SMTP sender and a dev sink."""
