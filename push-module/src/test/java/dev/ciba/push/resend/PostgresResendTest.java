package dev.ciba.push.resend;

import dev.ciba.push.TestDatabase;

class PostgresResendTest extends ResendSqlTests {

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}
