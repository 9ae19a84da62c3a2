/// The Example block at the end of LANGUAGE.md (the contract), exactly as written there:
/// run as a script by the language's tests, and on both store engines by the binary's.
public enum ContractExample {
    /// The script, with its trailing newline.
    public static let script = #"""
        add region KG-B                              # Batken, from ISO 3166-2
        add region KG-O
        add region ferghana-valley name "Ferghana Valley" level area includes KG-O, KG-J, KG-B, UZ-AN, UZ-FA, UZ-NG, TJ-SU
        add partner osce-osh name "OSCE Osh Field Office" kind multilateral country KG contact "Jerome Bouyjou, Head of Office"
        add partner golden-goal name "Golden Goal" kind national-ngo country KG
        add partner france name "Government of France" kind government country FR
        add project TIP-2007 title "Combating human trafficking in south Kyrgyzstan" status active start 2007-04-24 end 2008-01 regions KG-O, KG-B, ferghana-valley target-groups students, "young people", lawyers, judges sectors 15190
        link TIP-2007 osce-osh as lead
        link TIP-2007 golden-goal as implementer
        link TIP-2007 france as funder
        add outcome TIP-2007/groups title "Community-based groups in remote areas of Batken" level output unit groups measure count target 6 due 2008-01 regions KG-B
        record TIP-2007/groups 2 on 2007-09-30 note "Leilek and Kadamjay"
        projects where regions under KG-B and status = active | columns id, title, end
        projects where funders has france | sort end desc
        outcomes where progress < 50% | sort due
        progress TIP-2007 as of 2007-10-01

        """#
}
