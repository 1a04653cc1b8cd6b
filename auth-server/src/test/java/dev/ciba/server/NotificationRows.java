package dev.ciba.server;

import java.util.List;
import java.util.Map;

import dev.ciba.server.ciba.AuthReqId;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the client notification outbox stored for one request: its row and its attempts,
 * read the same way by every test of ping and push delivery.
 */
final class NotificationRows {

	private NotificationRows() {
	}

	/**
	 * The notification row of a request: status, stored auth_req_id, token, payload and
	 * last error.
	 */
	static Map<String, Object> notification(JdbcClient jdbc, String authReqId) {
		return jdbc.sql("""
				SELECT n.status, n.auth_req_id, n.notification_token, n.payload, n.last_error
				FROM client_notification n JOIN ciba_request r ON r.id = n.ciba_request_id
				WHERE r.auth_req_id_hash = ?""").param(new AuthReqId(authReqId).hash()).query().singleRow();
	}

	/**
	 * The delivery attempts of a request in order, each as "number outcome status error".
	 */
	static List<String> attempts(JdbcClient jdbc, String authReqId) {
		return jdbc.sql("""
				SELECT a.attempt, a.outcome, a.http_status, a.error_code FROM client_notification_attempt a
				JOIN client_notification n ON n.id = a.notification_id
				JOIN ciba_request r ON r.id = n.ciba_request_id
				WHERE r.auth_req_id_hash = ? ORDER BY a.attempt""")
			.param(new AuthReqId(authReqId).hash())
			.query((rs, row) -> rs.getInt("attempt") + " " + rs.getString("outcome") + " " + rs.getObject("http_status")
					+ " " + rs.getString("error_code"))
			.list();
	}

}
