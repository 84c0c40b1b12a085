import json
from io import StringIO
from django.core.management import call_command
def test_x(db):
    out = StringIO(); call_command("qa_report", "--no-effort", stdout=out); print(out.getvalue())
