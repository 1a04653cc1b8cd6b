package dev.ciba.push.limits;

import dev.ciba.push.TestDatabase;

class PostgresRateLimiterTest extends RateLimiterSqlTests {

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}
