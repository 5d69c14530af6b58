"""Django's database sessions, read with plain SQL on PostgreSQL.

Every signed-in request reads its session. The ORM builds the same SELECT anew each
time; here it is one fixed statement. Writing, expiry and everything else is Django's
`db` session engine, unchanged (SESSION_ENGINE = "aktiv.sessions").
"""

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone

SESSION_SQL = (
    "SELECT session_data, expire_date FROM django_session "
    "WHERE session_key = %s AND expire_date > %s"
)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        using = router.db_for_read(self.model)
        connection = connections[using]
        if connection.vendor != "postgresql" or not self.session_key:
            return super()._get_session_from_db()
        with connection.cursor() as cursor:
            cursor.execute(SESSION_SQL, [self.session_key, timezone.now()])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return self.model(session_key=self.session_key, session_data=row[0], expire_date=row[1])
