package dev.ciba.push.sweep;

import dev.ciba.push.TestDatabase;

class PostgresSweeperTest extends SweeperSqlTests {

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

}
