package dev.ciba.push.auth;

import dev.ciba.push.TestDatabase;

class PostgresNumberMatchingTest extends NumberMatchingSqlTests {

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}
