package dev.ciba.push.fcm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.TestKeys;
import dev.ciba.push.api.CustomerDirectory;
import dev.ciba.push.api.CustomerDirectory.CustomerRef;
import dev.ciba.push.auth.PushAuthMessages;
import dev.ciba.push.auth.PushAuthRecord;
import dev.ciba.push.auth.PushAuthRepository;
import dev.ciba.push.auth.PushAuthStatus;
import dev.ciba.push.device.Device;
import dev.ciba.push.device.DeviceKeyType;
import dev.ciba.push.device.DeviceProtocol;
import dev.ciba.push.device.DeviceRepository;
import dev.ciba.push.device.DeviceStatus;
import dev.ciba.push.outbox.PushMessage;
import dev.ciba.push.outbox.PushSendResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * A device of generation 1 of the WSO2 protocol gets its own push data, sent as an FCM
 * HTTP v1 message through firebase-admin's real HTTP code path to a stub FCM.
 */
class Wso2V1FcmPushTest {

	private static final Instant NOW = Instant.parse("2026-01-02T10:00:00Z");

	private static final String DEVICE = "5f0c5d3e-8f7a-4a37-9d2e-0c1b2a3d4e5f";

	private final JsonMapper json = JsonMapper.builder().build();

	private FcmStub stub;

	private FcmPushSender sender;

	private PushAuthMessages messages;

	@BeforeEach
	void setUp() throws Exception {
		this.stub = new FcmStub();
		FirebaseOptions options = FirebaseOptions.builder()
			.setCredentials(
					GoogleCredentials.create(new AccessToken("test-token", Date.from(NOW.plusSeconds(10L << 30)))))
			.setProjectId("ciba-test")
			.setHttpTransport(this.stub.transport())
			.build();
		this.sender = new FcmPushSender(FirebaseApp.initializeApp(options, "fcm-v1-test-" + UUID.randomUUID()),
				Clock.fixed(NOW, ZoneOffset.UTC));
		PushAuthRepository pushAuths = mock(PushAuthRepository.class);
		given(pushAuths.findById("push-1"))
			.willReturn(Optional.of(new PushAuthRecord("push-1", "cust-1", "chg-1", "Payments Ltd", "Pay 10 EUR",
					"openid", "203.0.113.7", NOW, NOW.plusSeconds(90), PushAuthStatus.PENDING)));
		DeviceRepository devices = mock(DeviceRepository.class);
		given(devices.findById(DEVICE)).willReturn(Optional.of(new Device(DEVICE, "cust-1", "Galaxy", "SM-G991B",
				"fcm-token-v1", "FCM", TestKeys.publicKeyBase64(TestKeys.RSA_1024), DeviceKeyType.RSA,
				DeviceStatus.ACTIVE, NOW.minusSeconds(60), null, DeviceProtocol.WSO2_PUSH_AUTH)));
		CustomerDirectory customers = mock(CustomerDirectory.class);
		given(customers.findById("cust-1")).willReturn(Optional.of(new CustomerRef("cust-1", "alice", true)));
		PushChannelSettings settings = PushChannelSettings.defaults("bank", "https://ciba.example")
			.withWso2V1(new PushChannelSettings.Wso2V1(true, Duration.ofHours(1)));
		this.messages = new PushAuthMessages(pushAuths, devices, customers, settings);
	}

	@AfterEach
	void tearDown() {
		this.sender.close();
		this.stub.close();
	}

	@Test
	void sendWhenGenerationOneDeviceThenExactlyTheGenerationOneDataWithHighPriorityAndTtl() throws Exception {
		PushMessage message = this.messages.messageFor("push-1", DEVICE, NOW).orElseThrow();

		PushSendResult result = this.sender.send(message);

		assertThat(result).isEqualTo(PushSendResult.sent());
		assertThat(this.stub.requests()).singleElement().satisfies((request) -> {
			assertThat(request.path()).isEqualTo("/v1/projects/ciba-test/messages:send");
			assertThat(this.json.readTree(request.body())).isEqualTo(this.json.readTree(
					"""
							{"message":{
							  "android":{"priority":"high","ttl":"90s"},
							  "data":{
							    "deviceId":"5f0c5d3e-8f7a-4a37-9d2e-0c1b2a3d4e5f",
							    "body":"alice is requesting to sign in to Payments Ltd",
							    "challenge":"chg-1",
							    "sessionDataKey":"push-1",
							    "username":"alice",
							    "displayName":"alice",
							    "organization":"bank",
							    "applicationName":"Payments Ltd",
							    "ipAddress":"203.0.113.7",
							    "deviceName":"",
							    "browserName":"",
							    "metadata":"{\\"binding_message\\":\\"Pay 10 EUR\\",\\"scope\\":\\"openid\\"}",
							    "expiresAt":"2026-01-02T10:01:30Z"},
							  "notification":{"title":"Sign-in request","body":"alice is requesting to sign in to Payments Ltd"},
							  "token":"fcm-token-v1"}}
							"""));
		});
	}

}
