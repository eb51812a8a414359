"""People: accounts with email sign-in, roles, the manager chain, invitations and CSV import."""
