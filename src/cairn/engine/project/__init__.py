"""The project manager's arithmetic: earned value, risk scores and the health rules of a
status report. Pure Python; money is Decimal."""
