package dev.tessera.console.accounts;

import dev.tessera.account.ManagerAccounts;
import dev.tessera.account.Membership;
import dev.tessera.account.Role;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The top bar's "Jump to account" box: finds the signed-in user's accounts by name, company or
 * customer id (with or without dashes). One match goes straight to its API Center (an ADMIN's) or
 * overview; several, or none, are listed.
 */
@Controller
class JumpPage {

    private final ManagerAccounts accounts;

    JumpPage(ManagerAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/jump")
    String jump(@RequestParam(defaultValue = "") String q, Principal principal, Model model) {
        String query = q.strip().toLowerCase(Locale.ROOT);
        String digits = query.replaceAll("[\\s-]", "");
        List<Membership> matches = accounts.membershipsOf(principal.getName()).stream()
                .filter(m -> !query.isEmpty() && (m.account().name().toLowerCase(Locale.ROOT).contains(query)
                        || m.account().companyName().toLowerCase(Locale.ROOT).contains(query)
                        || (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)
                                && m.account().customerId().digits().contains(digits))))
                .toList();
        if (matches.size() == 1) {
            Membership only = matches.get(0);
            return "redirect:/accounts/" + only.account().customerId().digits()
                    + (only.role() == Role.ADMIN ? "/api-center" : "");
        }
        model.addAttribute("q", q.strip());
        model.addAttribute("matches", matches);
        return "jump";
    }
}
