"""The product manager's arithmetic: ranks that need no renumbering, scores (RICE, WSJF,
value vs effort, MoSCoW), objective progress, release date risk and metric impact."""
