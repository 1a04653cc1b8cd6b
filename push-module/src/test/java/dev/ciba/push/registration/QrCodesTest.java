package dev.ciba.push.registration;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QrCodesTest {

	@Test
	void pngWhenDecodedThenSameTextAndSize() throws Exception {
		String json = "{\"deviceId\":\"d-1\",\"username\":\"alice\",\"host\":\"https://ciba.example\","
				+ "\"tenantDomain\":\"bank\",\"challenge\":\"c-1\"}";

		byte[] png = QrCodes.png(json);
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
		Result result = new QRCodeReader().decode(
				new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
				Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE));

		assertThat(png).startsWith(0x89, 'P', 'N', 'G');
		assertThat(image.getWidth()).isEqualTo(300);
		assertThat(image.getHeight()).isEqualTo(300);
		assertThat(result.getText()).isEqualTo(json);
	}

}
