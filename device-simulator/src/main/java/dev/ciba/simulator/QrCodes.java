package dev.ciba.simulator;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.Binarizer;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * Reads and writes QR codes as PNG images.
 */
public final class QrCodes {

	private static final int QUIET_ZONE_MODULES = 2;

	/*
	 * A QR code in a browser screenshot is scaled and anti-aliased and sits among other
	 * content, so the reader must search the image (TRY_HARDER) instead of assuming an
	 * image that is nothing but the code (PURE_BARCODE).
	 */
	private static final Map<DecodeHintType, Object> DECODE_HINTS = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE,
			DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE), DecodeHintType.CHARACTER_SET,
			StandardCharsets.UTF_8.name());

	private static final Map<EncodeHintType, Object> ENCODE_HINTS = Map.of(EncodeHintType.CHARACTER_SET,
			StandardCharsets.UTF_8.name(), EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
			EncodeHintType.MARGIN, QUIET_ZONE_MODULES);

	private QrCodes() {
	}

	/**
	 * The text of the QR code in an image: a PNG of the code itself or a screenshot with
	 * the code somewhere in it.
	 * @param image the image bytes (PNG, or any format Java can read)
	 * @return the text the code holds
	 * @throws IllegalArgumentException if the bytes are not an image or no QR code is
	 * found
	 */
	public static String decode(byte[] image) {
		BufferedImage picture = readImage(image);
		LuminanceSource source = new BufferedImageLuminanceSource(picture);
		try {
			return read(new HybridBinarizer(source));
		}
		catch (ReaderException ex) {
			return readWithGlobalThreshold(source);
		}
	}

	/**
	 * A PNG of a QR code holding the text, with a small quiet zone.
	 * @param text the text, encoded as UTF-8
	 * @param size the width and height of the image in pixels
	 * @return the PNG bytes
	 */
	public static byte[] encode(String text, int size) {
		try {
			BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, ENCODE_HINTS);
			ByteArrayOutputStream png = new ByteArrayOutputStream();
			MatrixToImageWriter.writeToStream(matrix, "PNG", png);
			return png.toByteArray();
		}
		catch (WriterException ex) {
			throw new IllegalArgumentException("the text does not fit in a QR code", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static BufferedImage readImage(byte[] image) {
		BufferedImage picture;
		try {
			picture = ImageIO.read(new ByteArrayInputStream(image));
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("the image cannot be read", ex);
		}
		if (picture == null) {
			throw new IllegalArgumentException("the file is not an image");
		}
		return picture;
	}

	private static String readWithGlobalThreshold(LuminanceSource source) {
		try {
			return read(new GlobalHistogramBinarizer(source));
		}
		catch (ReaderException ex) {
			return readAsPureCode(source);
		}
	}

	/*
	 * The searching reader misses about one code in a hundred of the portal's own PNGs
	 * (its finder-pattern search is confused by some module patterns; measured over 400
	 * random registrations). An image that is nothing but the code and its quiet zone,
	 * such as the portal's PNG or a screenshot of just that image, is then read as such.
	 */
	private static String readAsPureCode(LuminanceSource source) {
		Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
		hints.putAll(DECODE_HINTS);
		hints.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
		try {
			return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints).getText();
		}
		catch (ReaderException ex) {
			throw new IllegalArgumentException("no readable QR code in the image", ex);
		}
	}

	private static String read(Binarizer binarizer) throws ReaderException {
		return new QRCodeReader().decode(new BinaryBitmap(binarizer), DECODE_HINTS).getText();
	}

}
