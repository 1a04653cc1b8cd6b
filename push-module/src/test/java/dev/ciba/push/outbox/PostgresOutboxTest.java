package dev.ciba.push.outbox;

import dev.ciba.push.TestDatabase;

class PostgresOutboxTest extends OutboxSqlTests {

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}
