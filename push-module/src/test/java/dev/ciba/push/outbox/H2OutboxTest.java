package dev.ciba.push.outbox;

import dev.ciba.push.TestDatabase;

class H2OutboxTest extends OutboxSqlTests {

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.h2();
	}

}
