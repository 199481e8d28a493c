package dev.tessera.console.accounts;

import dev.tessera.audit.web.RequestActor;
import dev.tessera.system.web.ErrorStatus;
import dev.tessera.console.AdminGate;
import dev.tessera.account.CustomerId;
import dev.tessera.account.ManagerAccounts;
import dev.tessera.account.Member;
import dev.tessera.account.UserAccounts;
import dev.tessera.console.Dates;
import dev.tessera.console.Labels;
import dev.tessera.account.Role;
import dev.tessera.system.TesseraException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Users (ADMIN only): add an existing user by email with a role, change roles, remove. The rules
 * (the last ADMIN stays) are ManagerAccounts'; a refusal is shown on the page with the reason.
 */
@Controller
@RequestMapping("/accounts/{customerId}/users")
class UsersPage {

    private static final String PAGE = "The Users page";

    private final ManagerAccounts accounts;
    private final AdminGate gate;
    private final UserAccounts users;
    private final Labels labels;

    UsersPage(ManagerAccounts accounts, AdminGate gate, UserAccounts users, Labels labels) {
        this.labels = labels;
        this.accounts = accounts;
        this.gate = gate;
        this.users = users;
    }

    @GetMapping
    String show(@PathVariable String customerId, Principal principal, Model model) {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        gate.require(id, principal.getName(), PAGE);
        return render(id, principal, model);
    }

    @PostMapping
    String add(@PathVariable String customerId, @RequestParam(defaultValue = "") String email,
            @RequestParam(required = false) Role role, Principal principal, HttpServletRequest request,
            HttpServletResponse response, Model model, RedirectAttributes redirect) {
        return change(customerId, principal, response, model, redirect, () -> {
            return accounts.setRole(id(customerId), email, role, RequestActor.of(principal, request))
                    .map(member -> member.email() + " now has the " + labels.role(member.role()) + " role.")
                    .orElse("An invitation was sent to " + email.strip() + ". They become a member on accepting it.");
        });
    }

    @PostMapping("/role")
    String setRole(@PathVariable String customerId, @RequestParam String email, @RequestParam(required = false) Role role,
            Principal principal, HttpServletRequest request, HttpServletResponse response, Model model,
            RedirectAttributes redirect) {
        return add(customerId, email, role, principal, request, response, model, redirect);
    }

    @PostMapping("/remove")
    String remove(@PathVariable String customerId, @RequestParam String email, Principal principal,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        return change(customerId, principal, response, model, redirect, () -> {
            accounts.removeUser(id(customerId), email, RequestActor.of(principal, request));
            return email + " was removed from the account.";
        });
    }

    private String change(String customerId, Principal principal, HttpServletResponse response, Model model,
            RedirectAttributes redirect, Supplier<String> action) {
        CustomerId id = id(customerId);
        gate.require(id, principal.getName(), PAGE);
        try {
            redirect.addFlashAttribute("notice", action.get());
            return "redirect:/accounts/" + id.digits() + "/users";
        } catch (TesseraException e) {
            if (e instanceof TesseraException.Forbidden) {
                throw e;
            }
            response.setStatus(ErrorStatus.of(e).value());
            model.addAttribute("problem", e.getMessage());
            return render(id, principal, model);
        }
    }

    private String render(CustomerId id, Principal principal, Model model) {
        model.addAttribute("account", accounts.get(id, principal.getName()));
        var members = accounts.members(id, principal.getName());
        model.addAttribute("members", members);
        var lastSignIns = new java.util.HashMap<String, String>();
        users.lastSignIns(members.stream().map(Member::email).toList())
                .forEach((email, at) -> lastSignIns.put(email, Dates.minute(at)));
        model.addAttribute("lastSignIn", lastSignIns);
        model.addAttribute("roles", Role.values());
        return "users";
    }

    private static CustomerId id(String customerId) {
        return CustomerId.parseField("customerId", customerId);
    }
}
