package dev.tessera.console;

import dev.tessera.access.AccessApplications;
import dev.tessera.account.CustomerId;
import dev.tessera.audit.Actor;
import dev.tessera.system.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Apply for higher access" in the API Center (ADMIN only). A wrong field is shown next to the
 * field, a refusal (a level held already, STANDARD before BASIC, one pending) above the form; the
 * fields keep what was typed.
 */
@Controller
class ApplicationForms {

    /** The service's field names as the form labels them. */
    private static final Map<String, String> LABELS = Map.of("requestedLevel", "Requested level",
            "useCase", "Use case", "expectedDailyOperations", "Expected daily operations", "companyUrl", "Company website");

    private final AccessApplications applications;
    private final AdminGate gate;
    private final ApiCenterView view;

    ApplicationForms(AccessApplications applications, AdminGate gate, ApiCenterView view) {
        this.applications = applications;
        this.gate = gate;
        this.view = view;
    }

    @PostMapping("/accounts/{customerId}/api-center/access-applications")
    String apply(@PathVariable String customerId, @ModelAttribute("applicationForm") ApiCenterView.ApplicationForm form,
            Principal principal, HttpServletRequest request, HttpServletResponse response, Model model,
            RedirectAttributes redirect) {
        CustomerId id = CustomerId.parseField("customerId", customerId);
        gate.require(id, principal.getName(), ApiCenterPage.PAGE);
        try {
            var filed = applications.apply(id, new AccessApplications.Application(form.requestedLevel(), form.useCase(),
                    operations(form.expectedDailyOperations()), form.companyUrl()), Actor.of(principal, request));
            redirect.addFlashAttribute("notice", "Your application for " + filed.requestedLevel()
                    + " access was sent. It is pending review; the API contact email hears of the decision.");
            return "redirect:/accounts/" + id.digits() + "/api-center#applications-title";
        } catch (ApiException e) {
            if (e.status().value() == 403 || e.status().value() == 404) {
                throw e;
            }
            response.setStatus(e.status().value());
            if (e.field() != null) {
                model.addAttribute("applicationField", e.field());
                model.addAttribute("applicationProblem", readable(e));
            } else {
                model.addAttribute("applicationRefusal", e.getMessage());
            }
            return view.render(id, principal, request, model);
        }
    }

    private static Long operations(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(typed.strip().replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            throw ApiException.invalid("expectedDailyOperations", "Expected daily operations is a whole number, "
                    + "like 5000.");
        }
    }

    /** The message with the field's label instead of its API name. */
    static String readable(ApiException e) {
        String message = e.getMessage();
        String label = LABELS.get(e.field());
        if (label == null) {
            return message;
        }
        String quoted = "'" + e.field() + "'";
        if (message.startsWith(quoted + ": ")) {
            return message.substring(quoted.length() + 2);
        }
        return message.replace(quoted, label);
    }
}
