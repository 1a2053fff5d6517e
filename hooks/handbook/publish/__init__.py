"""Publishing the built pages in other forms: PDFs of the printable pages."""
