package dev.ciba.push.sweep;

import dev.ciba.push.TestDatabase;

class H2SweeperTest extends SweeperSqlTests {

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.h2();
	}

}
