package dev.ciba.push.auth;

import dev.ciba.push.TestDatabase;

class H2PushAuthTest extends PushAuthSqlTests {

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.h2();
	}

}
