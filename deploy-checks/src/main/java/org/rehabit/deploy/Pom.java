package org.rehabit.deploy;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The few facts of a pom.xml the checks need: version, modules, properties, dependencies, build plugins. */
record Pom(String version, List<String> modules, Map<String, String> properties, Set<String> dependencies,
        Set<String> plugins) {

    static Pom read(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(file.toFile());
            Element project = doc.getDocumentElement();
            String version = child(project, "version");
            if (version.isEmpty()) {
                version = child(first(project, "parent"), "version");
            }
            List<String> modules = new ArrayList<>();
            Element modulesElement = first(project, "modules");
            if (modulesElement != null) {
                for (Element m : children(modulesElement, "module")) {
                    modules.add(m.getTextContent().trim());
                }
            }
            Map<String, String> properties = new TreeMap<>();
            Element props = first(project, "properties");
            if (props != null) {
                NodeList nodes = props.getChildNodes();
                for (int i = 0; i < nodes.getLength(); i++) {
                    if (nodes.item(i) instanceof Element e) {
                        properties.put(e.getTagName(), e.getTextContent().trim());
                    }
                }
            }
            Set<String> dependencies = new LinkedHashSet<>();
            Element deps = first(project, "dependencies");
            if (deps != null) {
                children(deps, "dependency").forEach(d -> dependencies.add(child(d, "artifactId")));
            }
            Set<String> plugins = new LinkedHashSet<>();
            Element build = first(project, "build");
            Element pluginsElement = build == null ? null : first(build, "plugins");
            if (pluginsElement != null) {
                children(pluginsElement, "plugin").forEach(p -> plugins.add(child(p, "artifactId")));
            }
            return new Pom(version, modules, properties, dependencies, plugins);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Element first(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static String child(Element parent, String name) {
        Element e = first(parent, name);
        return e == null ? "" : e.getTextContent().trim();
    }
}
