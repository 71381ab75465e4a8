"""The review web app over the store (see app.py); terminal decisions in decisions.py."""
