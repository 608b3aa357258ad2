"""gunicorn's settings for `make serve` and production: gunicorn -c recooperate/gunicorn.conf.py recooperate.wsgi

Every value can be changed from the environment without editing this file.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND") or f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# Threads rather than more processes: a page is mostly waiting on SQLite or PostgreSQL,
# and every process holds its own copy of Django and Wagtail. On 2 cores: 3 x 4.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread" if threads > 1 else "sync"
# A request that takes longer than this is stuck (a hanging mail server never is: mail is queued).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, so a slow leak never grows for weeks.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = max_requests // 10

# The scheme is Django's decision (DJANGO_TRUST_X_FORWARDED_PROTO), not gunicorn's:
# by default gunicorn would believe X-Forwarded-Proto from any local client.
secure_scheme_headers = {}
forwarded_allow_ips = ""

# Access log on stdout: the path only, never the query string (the admin's search
# box puts a patient's name there) and never the Referer (which repeats it).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
