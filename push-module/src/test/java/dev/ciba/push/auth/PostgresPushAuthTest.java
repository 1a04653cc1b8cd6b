package dev.ciba.push.auth;

import dev.ciba.push.TestDatabase;

class PostgresPushAuthTest extends PushAuthSqlTests {

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}
