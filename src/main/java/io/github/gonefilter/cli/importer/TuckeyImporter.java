package io.github.gonefilter.cli.importer;

import io.github.gonefilter.cli.importer.FirstMatchRules.Effect;
import io.github.gonefilter.cli.importer.FirstMatchRules.Rule;
import io.github.gonefilter.cli.pattern.PathSet;
import io.github.gonefilter.cli.pattern.PathSets;
import io.github.gonefilter.cli.pattern.Regex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Tuckey UrlRewriteFilter's {@code urlrewrite.xml}: rules that {@code <set type="status">410</set>} (or 451)
 * and end the request with {@code <to>null</to>}, regex (searched for, case-insensitive unless
 * {@code casesensitive="true"}) or wildcard {@code from}, tried in order as Tuckey tries them.
 */
final class TuckeyImporter {

    /** A back-reference or function in a {@code <to>}: {@code $1}, {@code %{...}}, {@code ${...}}. */
    private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("\\$\\d+|%\\{[^}]*}|\\$\\{[^}]*}");

    private final Emitter emitter = new Emitter();

    /** A rule that rewrites the URL and lets the later rules see the new one: its place among the rules and target. */
    private record Rewrite(int index, Origin origin, String to) {
    }

    private final List<Rewrite> rewrites = new java.util.ArrayList<>();

    ImportResult importFiles(List<Path> files) throws IOException, ImportException {
        FirstMatchRules rules = new FirstMatchRules();
        for (Path file : files) {
            Document doc = parse(file);
            Element root = doc.getDocumentElement();
            String defaultType = root.getAttribute("default-match-type");
            if (root.getAttribute("use-query-string").equalsIgnoreCase("true")) {
                throw new ImportException(file + ": use-query-string=\"true\" makes every rule depend on the query string");
            }
            String xml = java.nio.file.Files.readString(file);
            List<Integer> ruleLines = tagLines(xml, "rule");
            List<Integer> classRuleLines = tagLines(xml, "class-rule");
            int ruleIndex = 0;
            int classRuleIndex = 0;
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!(n instanceof Element e)) {
                    continue;
                }
                if (e.getTagName().equals("rule")) {
                    rule(e, file, ruleIndex < ruleLines.size() ? ruleLines.get(ruleIndex) : 0, defaultType, rules);
                    ruleIndex++;
                } else if (e.getTagName().equals("class-rule")) {
                    int line = classRuleIndex < classRuleLines.size() ? classRuleLines.get(classRuleIndex) : 0;
                    classRuleIndex++;
                    if (!e.getAttribute("enabled").equalsIgnoreCase("false")) {
                        // Java code decides: it may answer, rewrite or set a status for any path.
                        Origin origin = new Origin(file.toString(), line, "<class-rule> " + e.getAttribute("class"));
                        rules.add(new Rule(origin, 0, Effect.UNKNOWN, null, null, "a <class-rule> runs code the importer"
                                + " cannot read"));
                        emitter.skip(origin, "a <class-rule> runs code the importer cannot read; any 410 it sends is"
                                + " not translated");
                    }
                }
            }
        }
        emitter.emitAll(rules.decide());
        reportChains(rules);
        return emitter.result();
    }

    /**
     * Tuckey matches each rule against the URL the rules before it rewrote: a rewrite into paths that a later rule
     * answers 410 or 451 for makes the original paths gone too, which the importer does not follow. Reported.
     */
    private void reportChains(FirstMatchRules rules) {
        for (Rewrite r : rewrites) {
            java.util.Optional<PathSet> target = PathSets.template(r.to(), VARIABLE);
            for (int i = r.index() + 1; i < rules.rules().size(); i++) {
                Rule later = rules.rules().get(i);
                boolean gone = later.outcome() == Outcome.GONE || later.outcome() == Outcome.LEGAL;
                if (gone && (target.isEmpty() || later.matches() == null || PathSets.mayShare(target.get(), later.matches()))) {
                    emitter.skip(r.origin(), "it rewrites the URL to '" + r.to() + "', which the rule at " + later.origin()
                            + " answers " + (later.outcome() == Outcome.LEGAL ? 451 : 410) + " for; the paths this"
                            + " reaches are not translated");
                    break;
                }
            }
        }
    }

    private void rule(Element rule, Path file, int line, String defaultType, FirstMatchRules rules) {
        Origin origin = new Origin(file.toString(), line, describe(rule));
        if (rule.getAttribute("enabled").equalsIgnoreCase("false")) {
            return;
        }
        Element from = child(rule, "from");
        String fromText = from == null ? "^.*$" : from.getTextContent().trim();
        boolean caseSensitive = from != null && from.getAttribute("casesensitive").equalsIgnoreCase("true");
        String type = rule.hasAttribute("match-type") ? rule.getAttribute("match-type") : defaultType;
        boolean wildcard = type.equalsIgnoreCase("wildcard");
        Integer status = null;
        NodeList sets = rule.getElementsByTagName("set");
        for (int i = 0; i < sets.getLength(); i++) {
            Element set = (Element) sets.item(i);
            if (set.getAttribute("type").equals("status")) {
                try {
                    status = Integer.valueOf(set.getTextContent().trim());
                } catch (NumberFormatException e) {
                    status = null;
                }
            }
        }
        Element to = child(rule, "to");
        String toText = to == null ? "" : to.getTextContent().trim();
        boolean last = to != null && to.getAttribute("last").equalsIgnoreCase("true");
        String toType = to == null ? "" : to.getAttribute("type");
        boolean hasConditions = rule.getElementsByTagName("condition").getLength() > 0;
        boolean ends = toText.equalsIgnoreCase("null");
        Outcome outcome = status == null ? Outcome.OTHER : Outcome.ofStatus(status);
        PathSet set = wildcard ? wildcard(fromText) : regex(fromText, !caseSensitive);
        if (hasConditions) {
            rules.add(new Rule(origin, 0, Effect.UNKNOWN, status != null && ends ? outcome : null, set,
                    "it has <condition> elements"));
            return;
        }
        if (set == null) {
            rules.add(new Rule(origin, 0, Effect.UNKNOWN, status != null && ends ? outcome : null, null, problem));
            return;
        }
        boolean redirects = toType.toLowerCase(Locale.ROOT).contains("redirect");
        if (status != null && outcome != Outcome.OTHER && !ends && !redirects) {
            // The application answers, 410 unless it sets a status of its own: not known here.
            emitter.skip(origin, "it sets the status " + status + " but lets the request through (" + (to == null ? "no <to>"
                    : "<to> is not null") + "): what is sent depends on the application");
        }
        if (ends) {
            rules.add(new Rule(origin, 0, Effect.DECIDES, outcome, set, null));
        } else if (toText.isEmpty() || toText.equals("-")) {
            rules.add(new Rule(origin, 0, last ? Effect.STOPS_SECTION : Effect.CONTINUES, Outcome.OTHER, set, null));
        } else if (redirects) {
            rules.add(new Rule(origin, 0, Effect.DECIDES, Outcome.OTHER, set, null));
        } else {
            if (!last) {
                rewrites.add(new Rewrite(rules.rules().size(), origin, toText));
            }
            rules.add(new Rule(origin, 0, Effect.UNKNOWN, null, set,
                    "it rewrites the URL to '" + toText + "', and what that answers is not known here"));
        }
    }

    private String problem;

    private PathSet regex(String from, boolean ignoreCase) {
        // Tuckey searches with java.util.regex itself: the expression carries over verbatim.
        try {
            java.util.regex.Pattern.compile(from);
        } catch (java.util.regex.PatternSyntaxException e) {
            problem = "invalid regex: " + e.getDescription();
            return null;
        }
        return new PathSet.JavaFound(from, ignoreCase);
    }

    /** Tuckey's wildcards: {@code **} any characters, {@code *} any but '/', the whole path. */
    private static PathSet wildcard(String from) {
        StringBuilder pcre = new StringBuilder("\\A");
        for (int i = 0; i < from.length(); i++) {
            char c = from.charAt(i);
            if (c == '*' && i + 1 < from.length() && from.charAt(i + 1) == '*') {
                pcre.append(".*");
                i++;
            } else if (c == '*') {
                pcre.append("[^/]*");
            } else {
                pcre.append(Regex.escape(String.valueOf(c)));
            }
        }
        try {
            return new PathSet.Found(Regex.parse(pcre.append("\\z").toString(), Regex.Dialect.TOMBSTONE, false));
        } catch (Regex.UnsupportedRegexException e) {
            return null;
        }
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String describe(Element rule) {
        Element from = child(rule, "from");
        return "<rule> from " + (from == null ? "(none)" : from.getTextContent().trim());
    }

    /** The line of each {@code <tag>} start tag, in document order, comments blanked out first. */
    private static List<Integer> tagLines(String xml, String tag) {
        StringBuilder text = new StringBuilder(xml);
        java.util.regex.Matcher comment = java.util.regex.Pattern.compile("<!--.*?-->", java.util.regex.Pattern.DOTALL).matcher(xml);
        while (comment.find()) {
            for (int i = comment.start(); i < comment.end(); i++) {
                if (text.charAt(i) != '\n') {
                    text.setCharAt(i, ' ');
                }
            }
        }
        List<Integer> lines = new java.util.ArrayList<>();
        java.util.regex.Matcher start = java.util.regex.Pattern.compile("<" + tag + "[\\s>/]").matcher(text);
        int line = 1;
        int at = 0;
        while (start.find()) {
            for (; at < start.start(); at++) {
                if (text.charAt(at) == '\n') {
                    line++;
                }
            }
            lines.add(line);
        }
        return lines;
    }

    private static Document parse(Path file) throws IOException, ImportException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(file.toFile());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (SAXException e) {
            throw new ImportException(file + ": not a readable urlrewrite.xml: " + e.getMessage());
        }
    }
}
