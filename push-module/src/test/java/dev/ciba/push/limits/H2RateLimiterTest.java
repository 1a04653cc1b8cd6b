package dev.ciba.push.limits;

import dev.ciba.push.TestDatabase;

class H2RateLimiterTest extends RateLimiterSqlTests {

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.h2();
	}

}
