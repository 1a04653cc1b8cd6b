package dev.ciba.push.resend;

import dev.ciba.push.TestDatabase;

class H2ResendTest extends ResendSqlTests {

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.h2();
	}

}
