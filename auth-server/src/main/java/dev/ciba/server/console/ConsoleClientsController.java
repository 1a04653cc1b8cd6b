package dev.ciba.server.console;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.ciba.server.ciba.CibaGrant;
import dev.ciba.server.client.CibaClientSettings;
import dev.ciba.server.client.ClientMetadataValidator;
import dev.ciba.server.registration.ClientRegistrationException;
import dev.ciba.server.registration.ClientRegistrationRequest;
import dev.ciba.server.registration.ClientRegistrationService;
import dev.ciba.server.registration.ClientRegistrationService.IssuedClient;
import dev.ciba.server.registration.TokenLifetimes;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Clients in the console: the list, the form to create and change a CIBA client, and the
 * secret rotation. Every change goes through {@link ClientRegistrationService}, with the
 * checks of a dynamic registration; a refusal is shown at the field it names. A new
 * secret is shown once, on the page the change leads to (a flash attribute, gone on
 * reload); the server keeps only its hash.
 */
@Controller
class ConsoleClientsController {

	static final int PAGE_SIZE = 50;

	private final RegisteredClientRepository clients;

	private final ClientRegistrationService registrations;

	private final JdbcClient jdbc;

	ConsoleClientsController(RegisteredClientRepository clients, ClientRegistrationService registrations,
			JdbcClient jdbc) {
		this.clients = clients;
		this.registrations = registrations;
		this.jdbc = jdbc;
	}

	@GetMapping({ "/console", "/console/" })
	String home() {
		return "redirect:/console/clients";
	}

	@GetMapping("/console/login")
	String login() {
		return "console/login";
	}

	@GetMapping("/console/clients")
	String list(@RequestParam(defaultValue = "0") int page, Model model) {
		int current = Math.max(0, page);
		List<ClientRow> rows = this.jdbc
			.sql("SELECT client_id FROM oauth2_registered_client ORDER BY client_name, client_id "
					+ "LIMIT :limit OFFSET :offset")
			.param("limit", PAGE_SIZE + 1)
			.param("offset", current * PAGE_SIZE)
			.query(String.class)
			.list()
			.stream()
			.map(this.clients::findByClientId)
			.filter((client) -> client != null)
			.map(ClientRow::of)
			.toList();
		model.addAttribute("clients", rows.subList(0, Math.min(PAGE_SIZE, rows.size())));
		model.addAttribute("page", current);
		model.addAttribute("hasNext", rows.size() > PAGE_SIZE);
		return "console/clients";
	}

	@GetMapping("/console/clients/new")
	String newClient(Model model) {
		model.addAttribute("form", new ClientForm());
		return formView(model, null);
	}

	@PostMapping("/console/clients")
	String create(@ModelAttribute("form") ClientForm form, BindingResult errors, Model model,
			RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response)
			throws MissingServletRequestParameterException {
		requireEveryField(request);
		Optional<Checked> checked = check(form, errors);
		if (checked.isEmpty()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return formView(model, null);
		}
		IssuedClient issued = this.registrations.create(checked.get().request(), checked.get().lifetimes());
		redirect.addFlashAttribute("created", true);
		redirect.addFlashAttribute("secret", issued.clientSecret());
		redirect.addAttribute("clientId", issued.clientId());
		return "redirect:/console/clients/{clientId}";
	}

	@GetMapping("/console/clients/{clientId}")
	String edit(@PathVariable String clientId, Model model) {
		RegisteredClient client = find(clientId);
		model.addAttribute("client", ClientRow.of(client));
		if (isCibaClient(client)) {
			if (!model.containsAttribute("form")) {
				model.addAttribute("form", ClientForm.of(client));
			}
		}
		return formView(model, client);
	}

	@PostMapping("/console/clients/{clientId}")
	String update(@PathVariable String clientId, @ModelAttribute("form") ClientForm form, BindingResult errors,
			Model model, RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response)
			throws MissingServletRequestParameterException {
		RegisteredClient client = find(clientId);
		if (!isCibaClient(client)) {
			throw new ConsoleNotFoundException();
		}
		requireEveryField(request);
		Optional<Checked> checked = check(form, errors);
		if (checked.isEmpty()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("client", ClientRow.of(client));
			return formView(model, client);
		}
		Optional<IssuedClient> issued = this.registrations.update(clientId, checked.get().request(),
				checked.get().lifetimes());
		redirect.addFlashAttribute("saved", true);
		issued.map(IssuedClient::clientSecret).ifPresent((secret) -> redirect.addFlashAttribute("secret", secret));
		redirect.addAttribute("clientId", clientId);
		return "redirect:/console/clients/{clientId}";
	}

	@PostMapping("/console/clients/{clientId}/secret")
	String rotateSecret(@PathVariable String clientId, RedirectAttributes redirect) {
		find(clientId);
		String secret = this.registrations.rotateSecret(clientId).orElseThrow(ConsoleNotFoundException::new);
		redirect.addFlashAttribute("secret", secret);
		redirect.addFlashAttribute("rotated", true);
		redirect.addAttribute("clientId", clientId);
		return "redirect:/console/clients/{clientId}";
	}

	/**
	 * A missing field would otherwise keep the form's default (every hint allowed, number
	 * matching off, default lifetimes) and so quietly loosen a client: a form post must
	 * carry every field the page sends, checkboxes by their hidden {@code _} markers.
	 */
	private static void requireEveryField(HttpServletRequest request) throws MissingServletRequestParameterException {
		for (String field : ClientForm.POSTED_FIELDS) {
			if (request.getParameter(field) == null) {
				throw new MissingServletRequestParameterException(field, "String");
			}
		}
	}

	private String formView(Model model, RegisteredClient client) {
		model.addAttribute("deliveryModes",
				List.of(CibaClientSettings.POLL, CibaClientSettings.PING, CibaClientSettings.PUSH));
		model.addAttribute("authenticationMethods", ClientMetadataValidator.AUTHENTICATION_METHODS);
		model.addAttribute("signingAlgorithms", CibaClientSettings.REQUEST_SIGNING_ALGORITHMS);
		model.addAttribute("hints", CibaClientSettings.HINTS);
		model.addAttribute("editing", client != null);
		model.addAttribute("editable", client == null || isCibaClient(client));
		return "console/client";
	}

	/**
	 * The registration's checks, then the lifetimes; the first refusal is put on the
	 * field it names (or on the form, if it names none).
	 * <p>
	 * Known shortcoming: the refusal's detail is the registration's
	 * {@code error_description}, in English whatever the page's language (the message
	 * around it is translated); the checks have no message keys of their own. Only the
	 * first refusal is shown, as a registration reports only one.
	 */
	private Optional<Checked> check(ClientForm form, BindingResult errors) {
		if (errors.hasErrors()) {
			return Optional.empty();
		}
		if (form.getAllowedHints() == null || form.getAllowedHints().isEmpty()) {
			errors.rejectValue("allowedHints", "console.client.error.hints");
			return Optional.empty();
		}
		if (!CibaClientSettings.HINTS.containsAll(form.getAllowedHints())) {
			errors.rejectValue("allowedHints", "console.client.error.unknownHint");
			return Optional.empty();
		}
		try {
			ClientRegistrationRequest request = this.registrations.check(form.toRegistrationMetadata(),
					form.allowedHintsMetadata());
			TokenLifetimes lifetimes = new TokenLifetimes(seconds(form.getAccessTokenLifetime()),
					seconds(form.getRefreshTokenLifetime()));
			return Optional.of(new Checked(request, lifetimes));
		}
		catch (ClientRegistrationException ex) {
			String description = ex.getError().getDescription();
			String member = (description != null) ? description.split(" ", 2)[0] : "";
			String field = ClientForm.FIELDS_BY_MEMBER.get(member);
			Object[] arguments = { (description != null) ? description : "" };
			if (field != null) {
				errors.rejectValue(field, "console.client.error.invalid", arguments, null);
			}
			else {
				errors.reject("console.client.error.invalid", arguments, null);
			}
			return Optional.empty();
		}
	}

	private static Duration seconds(String value) {
		try {
			return Duration.ofSeconds(Long.parseLong(value.strip()));
		}
		catch (NumberFormatException | NullPointerException ex) {
			return Duration.ZERO;
		}
	}

	private RegisteredClient find(String clientId) {
		RegisteredClient client = (clientId.length() <= 100) ? this.clients.findByClientId(clientId) : null;
		if (client == null) {
			throw new ConsoleNotFoundException();
		}
		return client;
	}

	private static boolean isCibaClient(RegisteredClient client) {
		return client.getAuthorizationGrantTypes().contains(CibaGrant.TYPE);
	}

	private record Checked(ClientRegistrationRequest request, TokenLifetimes lifetimes) {
	}

	/**
	 * A client as the list shows it.
	 *
	 * @param clientId its {@code client_id}
	 * @param name its name
	 * @param deliveryMode its delivery mode, or {@code null} for a client without the
	 * CIBA grant
	 * @param usesSecret whether it authenticates with a secret
	 */
	public record ClientRow(String clientId, String name, String deliveryMode, boolean usesSecret) {

		static ClientRow of(RegisteredClient client) {
			return new ClientRow(client.getClientId(), client.getClientName(),
					isCibaClient(client) ? CibaClientSettings.deliveryMode(client) : null,
					client.getClientSecret() != null);
		}

	}

}
