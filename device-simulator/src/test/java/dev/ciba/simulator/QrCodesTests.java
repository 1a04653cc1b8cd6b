package dev.ciba.simulator;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class QrCodesTests {

	private static final String DISCOVERY_JSON = TestPhones.discoveryData("http://localhost:8080").toJson();

	@Test
	void decodeWhenEncodedPngThenSameText() {
		byte[] png = QrCodes.encode(DISCOVERY_JSON, 300);

		assertThat(QrCodes.decode(png)).isEqualTo(DISCOVERY_JSON);
	}

	@Test
	void decodeWhenManyRegistrationCodesAsThePortalDrawsThemThenEveryOneReads() {
		// The searching reader alone missed about one of these in a hundred.
		Random random = new Random(20261204);
		for (int i = 0; i < 400; i++) {
			String text = "{\"deviceId\":\"" + new UUID(random.nextLong(), random.nextLong())
					+ "\",\"username\":\"alice\",\"host\":\"http://127.0.0.1:" + (30000 + random.nextInt(30000))
					+ "\",\"tenantDomain\":\"default\",\"challenge\":\""
					+ new UUID(random.nextLong(), random.nextLong()) + "\"}";
			assertThat(QrCodes.decode(QrCodes.encode(text, 300))).as("code %d", i).isEqualTo(text);
		}
	}

	@Test
	void encodeWhenSizeGivenThenPngOfThatSize() throws Exception {
		byte[] png = QrCodes.encode("hello", 250);

		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
		assertThat(image.getWidth()).isEqualTo(250);
		assertThat(image.getHeight()).isEqualTo(250);
	}

	@Test
	void decodeWhenNonAsciiTextThenSameText() {
		String text = "{\"username\":\"jürgen.öberg\"}";

		assertThat(QrCodes.decode(QrCodes.encode(text, 300))).isEqualTo(text);
	}

	@Test
	void decodeWhenScreenshotOfScaledCodeAmongTextThenText() throws Exception {
		byte[] screenshot = screenshotWithCode(QrCodes.encode(DISCOVERY_JSON, 300), 0.87);

		assertThat(QrCodes.decode(screenshot)).isEqualTo(DISCOVERY_JSON);
	}

	@Test
	void decodeWhenImageHasNoCodeThenIllegalArgument() throws Exception {
		byte[] blank = png(new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB));

		assertThatIllegalArgumentException().isThrownBy(() -> QrCodes.decode(blank))
			.withMessage("no readable QR code in the image");
	}

	@Test
	void decodeWhenBytesAreNotAnImageThenIllegalArgument() {
		byte[] text = "not a picture".getBytes(StandardCharsets.UTF_8);

		assertThatIllegalArgumentException().isThrownBy(() -> QrCodes.decode(text))
			.withMessage("the file is not an image");
	}

	/**
	 * What a browser screenshot looks like: the code scaled with interpolation,
	 * off-centre on a grey page under a line of text.
	 */
	private static byte[] screenshotWithCode(byte[] codePng, double scale) throws Exception {
		BufferedImage code = ImageIO.read(new ByteArrayInputStream(codePng));
		int size = (int) Math.round(code.getWidth() * scale);
		BufferedImage page = new BufferedImage(900, 600, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = page.createGraphics();
		graphics.setColor(new Color(0xF2, 0xF2, 0xF2));
		graphics.fillRect(0, 0, page.getWidth(), page.getHeight());
		graphics.setColor(Color.DARK_GRAY);
		graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
		graphics.drawString("Scan this code with your phone", 40, 50);
		graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		graphics.drawImage(code, 137, 91, size, size, null);
		graphics.dispose();
		return png(page);
	}

	private static byte[] png(BufferedImage image) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "PNG", out);
		return out.toByteArray();
	}

}
