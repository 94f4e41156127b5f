import Testing
@testable import AWSCore

@Suite struct XMLNodeTests {
    @Test func parsesEC2StyleResponseWithNamespacesAndPrologue() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <DescribeSubnetsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
            <requestId>abc-123</requestId>
            <subnetSet>
                <item><subnetId>subnet-1</subnetId><availabilityZone>eu-west-1a</availabilityZone></item>
                <item><subnetId>subnet-2</subnetId><availabilityZone>eu-west-1b</availabilityZone></item>
            </subnetSet>
        </DescribeSubnetsResponse>
        """
        let root = try XMLNode.parse(xml)
        #expect(root.name == "DescribeSubnetsResponse")
        #expect(root.attributes["xmlns"] == "http://ec2.amazonaws.com/doc/2016-11-15/")
        #expect(root.child("requestId")?.text == "abc-123")
        let items = root.child("subnetSet")?.children("item") ?? []
        #expect(items.map { $0.child("subnetId")?.text } == ["subnet-1", "subnet-2"])
        #expect(root.path("subnetSet", "item", "availabilityZone")?.text == "eu-west-1a")
        #expect(root.path("subnetSet", "nope") == nil)
        #expect(root.first(named: "availabilityZone")?.text == "eu-west-1a")
    }

    @Test func decodesEntitiesCDATACommentsAndPrefixes() throws {
        let root = try XMLNode.parse("<a:Root><!-- c --><M>x &lt;&amp;&gt; &quot;&apos; &#65;&#x42; é</M><C><![CDATA[<raw>&amp;]]></C><E/><F k='v&amp;w'/></a:Root>")
        #expect(root.name == "Root")
        #expect(root.child("M")?.text == "x <&> \"' AB é")
        #expect(root.child("C")?.text == "<raw>&amp;")
        #expect(root.child("E")?.text == "")
        #expect(root.child("F")?.attributes["k"] == "v&w")
    }

    @Test(arguments: [
        "", "<a>", "<a></b>", "<a>&bogus;</a>", "<a><b></a>", "<a x=1/>", "<a/>trailing", "not xml",
        "<a>&amp</a>", "<ErrorResponse><Error><Code>Auth",
    ])
    func rejectsMalformedInput(_ input: String) {
        #expect(throws: XMLParseError.self) { try XMLNode.parse(input) }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000)
        #expect(throws: XMLParseError.self) { try XMLNode.parse(deep) }
    }

    @Test func doctypeIsSkippedNotExpanded() throws {
        let root = try XMLNode.parse("<!DOCTYPE r [<!ENTITY x \"boom\">]><r>ok</r>")
        #expect(root.text == "ok")
        #expect(throws: XMLParseError.self) { try XMLNode.parse("<!DOCTYPE r [<!ENTITY x \"boom\">]><r>&x;</r>") }
    }
}
