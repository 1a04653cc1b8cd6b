package dev.ciba.push.fcm;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import dev.ciba.push.outbox.PushMessage;
import dev.ciba.push.outbox.PushSendResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends through firebase-admin's real HTTP code path to a stub FCM on 127.0.0.1.
 */
class FcmPushSenderTest {

	private static final String PROJECT = "ciba-test";

	private static final String TOKEN = "device-token-1";

	private static final Instant NOW = Instant.parse("2026-01-02T10:00:00Z");

	private final JsonMapper json = JsonMapper.builder().build();

	private FcmStub stub;

	private FcmPushSender sender;

	private ListAppender<ILoggingEvent> logs;

	@BeforeEach
	void setUp() throws Exception {
		this.stub = new FcmStub();
		FirebaseOptions options = FirebaseOptions.builder()
			.setCredentials(
					GoogleCredentials.create(new AccessToken("test-token", Date.from(NOW.plusSeconds(10L << 30)))))
			.setProjectId(PROJECT)
			.setHttpTransport(this.stub.transport())
			.build();
		FirebaseApp app = FirebaseApp.initializeApp(options, "fcm-test-" + UUID.randomUUID());
		this.sender = new FcmPushSender(app, Clock.fixed(NOW, ZoneOffset.UTC));
		this.logs = new ListAppender<>();
		this.logs.start();
		senderLogger().addAppender(this.logs);
	}

	@AfterEach
	void tearDown() {
		senderLogger().detachAppender(this.logs);
		this.sender.close();
		this.stub.close();
	}

	@Test
	void sendWhenFcmAcceptsThenSentWithExactRequest() throws Exception {
		PushSendResult result = this.sender.send(message(NOW.plusSeconds(120)));

		assertThat(result).isEqualTo(PushSendResult.sent());
		assertThat(this.stub.requests()).hasSize(1);
		FcmStub.Request request = this.stub.requests().get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/v1/projects/ciba-test/messages:send");
		assertThat(request.authorization()).isEqualTo("Bearer test-token");
		assertThat(this.json.readTree(request.body())).isEqualTo(this.json.readTree("""
				{"message":{
				  "android":{"priority":"high","ttl":"120s"},
				  "data":{"auth_req_id":"abc","binding_message":"W4SCT","expiresAt":"2026-01-02T10:02:00Z"},
				  "notification":{"body":"Approve the sign-in","title":"Sign-in request"},
				  "token":"device-token-1"}}
				"""));
	}

	@Test
	void sendWhenRequestLifeHasFractionalSecondsThenTtlRoundsDown() throws Exception {
		this.sender.send(message(NOW.plusMillis(59_900)));

		assertThat(this.json.readTree(this.stub.requests().get(0).body()).at("/message/android/ttl").asString())
			.isEqualTo("59s");
	}

	@Test
	void sendWhenRequestAlreadyExpiredThenTtlIsZero() throws Exception {
		this.sender.send(message(NOW.minusSeconds(30)));

		assertThat(this.json.readTree(this.stub.requests().get(0).body()).at("/message/android/ttl").asString())
			.isEqualTo("0s");
	}

	@Test
	void sendWhenTokenUnregisteredThenPermanentUnregistered() {
		this.stub.answer(404, error(404, "NOT_FOUND", "UNREGISTERED"));

		assertThat(this.sender.send(message(NOW.plusSeconds(120)))).isEqualTo(PushSendResult.permanent("unregistered"));
	}

	@Test
	void sendWhenFcmUnavailableThenRetryable() {
		this.stub.answer(503, error(503, "UNAVAILABLE", "UNAVAILABLE"));

		assertThat(this.sender.send(message(NOW.plusSeconds(120)))).isEqualTo(PushSendResult.retryable("unavailable"));
		// firebase-admin retries a 503 itself (four more attempts, about 7 s of
		// back-off).
		assertThat(this.stub.requests()).hasSize(5);
	}

	@Test
	void sendWhenQuotaExceededThenRetryable() {
		this.stub.answer(429, error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED"));

		assertThat(this.sender.send(message(NOW.plusSeconds(120))))
			.isEqualTo(PushSendResult.retryable("quota_exceeded"));
	}

	@Test
	void sendWhenInvalidArgumentTwiceThenPermanentAndLoggedOnce() {
		this.stub.answer(400, error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT"));

		PushSendResult first = this.sender.send(message(NOW.plusSeconds(120)));
		PushSendResult second = this.sender.send(message(NOW.plusSeconds(120)));

		assertThat(first).isEqualTo(PushSendResult.permanent("invalid_argument"));
		assertThat(second).isEqualTo(PushSendResult.permanent("invalid_argument"));
		assertThat(this.stub.requests()).hasSize(2);
		assertThat(this.logs.list).filteredOn((event) -> event.getLevel() == Level.ERROR)
			.extracting(ILoggingEvent::getFormattedMessage)
			.containsExactly("FCM refused a push with 'invalid_argument'; further refusals with this code are "
					+ "logged at DEBUG only (check the FCM credentials and project)");
		assertThat(this.logs.list).extracting(ILoggingEvent::getFormattedMessage)
			.noneMatch((text) -> text.contains(TOKEN) || text.contains("W4SCT"));
	}

	@Test
	void sendWhenCredentialsRejectedThenPermanentWithCode() {
		// 403, not FCM's usual 401: a 401 makes the client refresh the credentials, which
		// static test credentials cannot do.
		this.stub.answer(403, error(403, "PERMISSION_DENIED", "THIRD_PARTY_AUTH_ERROR"));

		assertThat(this.sender.send(message(NOW.plusSeconds(120))))
			.isEqualTo(PushSendResult.permanent("third_party_auth_error"));
	}

	@Test
	void sendWhenPermissionDeniedWithoutFcmCodeThenPermanentWithCode() {
		this.stub.answer(403, "{\"error\":{\"code\":403,\"message\":\"denied\",\"status\":\"PERMISSION_DENIED\"}}");

		assertThat(this.sender.send(message(NOW.plusSeconds(120))))
			.isEqualTo(PushSendResult.permanent("permission_denied"));
	}

	@Test
	void sendWhenStubUnreachableThenRetryable() {
		this.stub.close();

		PushSendResult result = this.sender.send(message(NOW.plusSeconds(120)));

		assertThat(result).isInstanceOf(PushSendResult.RetryableFailure.class);
	}

	private static PushMessage message(Instant expiresAt) {
		Map<String, String> data = new LinkedHashMap<>();
		data.put("auth_req_id", "abc");
		data.put("binding_message", "W4SCT");
		data.put(FcmPushSender.EXPIRES_AT, expiresAt.toString());
		return new PushMessage("device-1", TOKEN, data, "Sign-in request", "Approve the sign-in");
	}

	private static String error(int status, String grpcStatus, String fcmCode) {
		return """
				{"error":{"code":%d,"message":"refused","status":"%s","details":[{
				  "@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"%s"}]}}
				""".formatted(status, grpcStatus, fcmCode);
	}

	private static Logger senderLogger() {
		return (Logger) LoggerFactory.getLogger(FcmPushSender.class);
	}

}
