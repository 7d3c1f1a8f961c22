"""The pages of the site: home, unit pages, and pages that combine several apps."""
