package io.github.eventretry.examples.release;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Reads the repository's poms and the XML in its docs with the JDK's DOM parser. Not thread-safe. */
final class Poms {
  /** The repository root: the tests run in {@code examples/}. */
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private Poms() {}

  /** Parses {@code xml}; throws {@link IllegalArgumentException} naming {@code where} if it is not XML. */
  static Element parse(String xml, String where) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder builder = factory.newDocumentBuilder();
      Document document = builder.parse(new InputSource(new StringReader(xml)));
      return document.getDocumentElement();
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalArgumentException(where + " is not well-formed XML: " + e.getMessage(), e);
    }
  }

  /** The root element of the pom at {@code relativePath} under the repository root. */
  static Element pom(String relativePath) throws IOException {
    Path file = ROOT.resolve(relativePath);
    return parse(Files.readString(file), relativePath);
  }

  /** The direct children of {@code parent} named {@code name}, in document order. */
  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  /** The first direct child of {@code parent} named {@code name}. */
  static Optional<Element> child(Element parent, String name) {
    return children(parent, name).stream().findFirst();
  }

  /** The element reached from {@code from} through the named children, each the first of its name. */
  static Optional<Element> path(Element from, String... names) {
    Optional<Element> at = Optional.of(from);
    for (String name : names) {
      at = at.flatMap(e -> child(e, name));
    }
    return at;
  }

  /** The trimmed text of the named child, or "" when there is none. */
  static String text(Element parent, String name) {
    return child(parent, name).map(e -> e.getTextContent().strip()).orElse("");
  }

  /** Every descendant of {@code from} named {@code name}, in document order. */
  static List<Element> descendants(Element from, String name) {
    List<Element> out = new ArrayList<>();
    var list = from.getElementsByTagName(name);
    for (int i = 0; i < list.getLength(); i++) {
      out.add((Element) list.item(i));
    }
    return out;
  }

  /**
   * The element's names and texts, without attributes, comments or layout: two elements that say
   * the same thing give the same string.
   */
  static String canonical(Element e) {
    List<Element> kids = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element k) {
        kids.add(k);
      }
    }
    if (kids.isEmpty()) {
      return e.getTagName() + "=" + e.getTextContent().strip();
    }
    return e.getTagName() + kids.stream().map(Poms::canonical).collect(Collectors.joining(",", "{", "}"));
  }
}
