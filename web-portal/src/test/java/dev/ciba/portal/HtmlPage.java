package dev.ciba.portal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * A rendered portal page read as XML (the templates are written as well-formed XHTML), so
 * that tests can address elements by XPath and compare exact text.
 */
final class HtmlPage {

	private final String source;

	private final Document document;

	private HtmlPage(String source, Document document) {
		this.source = source;
		this.document = document;
	}

	static HtmlPage of(MvcTestResult result) {
		try {
			return parse(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static HtmlPage parse(String html) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
			InputStream in = new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8));
			return new HtmlPage(html, factory.newDocumentBuilder().parse(in));
		}
		catch (Exception ex) {
			throw new IllegalStateException("The page is not well-formed XHTML", ex);
		}
	}

	/**
	 * The page as the server sent it.
	 */
	String source() {
		return this.source;
	}

	/**
	 * The text of the one node at the path, whitespace runs collapsed and trimmed.
	 */
	String text(String xpath) {
		Node node = single(xpath);
		return node.getTextContent().replaceAll("\\s+", " ").strip();
	}

	/**
	 * The exact text of the one node at the path.
	 */
	String rawText(String xpath) {
		return single(xpath).getTextContent();
	}

	int count(String xpath) {
		return nodes(xpath).getLength();
	}

	private Node single(String xpath) {
		NodeList nodes = nodes(xpath);
		if (nodes.getLength() != 1) {
			throw new AssertionError("Expected one node at " + xpath + " but found " + nodes.getLength());
		}
		return nodes.item(0);
	}

	private NodeList nodes(String xpath) {
		try {
			return (NodeList) XPathFactory.newInstance()
				.newXPath()
				.evaluate(xpath, this.document, XPathConstants.NODESET);
		}
		catch (Exception ex) {
			throw new IllegalArgumentException("Bad XPath " + xpath, ex);
		}
	}

}
