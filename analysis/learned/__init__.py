"""The learned theme model (scikit-learn), trained on the gold; the ``--themes learned|union`` option."""
