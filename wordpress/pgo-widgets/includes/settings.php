<?php
/**
 * The settings page: the consultation endpoint, the consultation id and the theme, validated with
 * clear messages. Stored in one option, removed on uninstall.
 *
 * @package pgo-widgets
 */

defined( 'ABSPATH' ) || exit;

const PGO_WIDGETS_OPTION = 'pgo_widgets_settings';

/**
 * The themes the plugin ships (a stylesheet each in assets/themes/).
 *
 * @return array<string, string>
 */
function pgo_widgets_themes() {
	return array(
		'default' => __( 'Default', 'pgo-widgets' ),
		'dark'    => __( 'Dark', 'pgo-widgets' ),
		'dsfr'    => __( 'French State design system colours (DSFR)', 'pgo-widgets' ),
	);
}

/**
 * The saved settings, with defaults.
 *
 * @return array{endpoint: string, consultation: string, theme: string}
 */
function pgo_widgets_get_settings() {
	$saved = get_option( PGO_WIDGETS_OPTION, array() );
	return wp_parse_args(
		is_array( $saved ) ? $saved : array(),
		array(
			'endpoint'     => '',
			'consultation' => '',
			'theme'        => 'default',
		)
	);
}

/**
 * Validates the submitted settings; keeps the previous value of a field that is wrong and says why.
 *
 * @param mixed $input Raw form input.
 * @return array{endpoint: string, consultation: string, theme: string}
 */
function pgo_widgets_sanitize_settings( $input ) {
	$previous = pgo_widgets_get_settings();
	$clean    = $previous;
	$input    = is_array( $input ) ? $input : array();

	$endpoint = isset( $input['endpoint'] ) ? trim( (string) $input['endpoint'] ) : '';
	if ( '' === $endpoint ) {
		$clean['endpoint'] = '';
	} elseif ( ! wp_http_validate_url( $endpoint ) && ! preg_match( '#^https?://(localhost|127\.0\.0\.1)(:\d+)?(/.*)?$#', $endpoint ) ) {
		add_settings_error( PGO_WIDGETS_OPTION, 'endpoint', __( 'The consultation endpoint must be a web address starting with https:// (for example https://consultation.example.fr).', 'pgo-widgets' ) );
	} else {
		$clean['endpoint'] = untrailingslashit( esc_url_raw( $endpoint, array( 'http', 'https' ) ) );
	}

	$consultation = isset( $input['consultation'] ) ? trim( (string) $input['consultation'] ) : '';
	if ( '' !== $consultation && ! preg_match( '/^[A-Za-z0-9_.:-]{1,120}$/', $consultation ) ) {
		add_settings_error( PGO_WIDGETS_OPTION, 'consultation', __( 'The consultation id may only contain letters, digits, dots, dashes, underscores and colons (for example plan-action-2017).', 'pgo-widgets' ) );
	} else {
		$clean['consultation'] = $consultation;
	}

	$theme = isset( $input['theme'] ) ? (string) $input['theme'] : 'default';
	if ( ! array_key_exists( $theme, pgo_widgets_themes() ) ) {
		add_settings_error( PGO_WIDGETS_OPTION, 'theme', __( 'Choose one of the listed themes.', 'pgo-widgets' ) );
	} else {
		$clean['theme'] = $theme;
	}
	return $clean;
}

add_action(
	'admin_init',
	function () {
		register_setting(
			'pgo_widgets',
			PGO_WIDGETS_OPTION,
			array(
				'type'              => 'array',
				'sanitize_callback' => 'pgo_widgets_sanitize_settings',
				'default'           => array(),
			)
		);
	}
);

add_action(
	'admin_menu',
	function () {
		add_options_page( __( 'Consultation widgets', 'pgo-widgets' ), __( 'Consultation widgets', 'pgo-widgets' ), 'manage_options', 'pgo-widgets', 'pgo_widgets_render_settings_page' );
	}
);

/** Renders the settings page. */
function pgo_widgets_render_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$settings = pgo_widgets_get_settings();
	?>
	<div class="wrap">
		<h1><?php esc_html_e( 'Consultation widgets', 'pgo-widgets' ); ?></h1>
		<p><?php esc_html_e( 'Connect the widgets to your consultation server. Then add them to any page with a block or a shortcode such as [pgo_proposal_form].', 'pgo-widgets' ); ?></p>
		<form method="post" action="options.php">
			<?php settings_fields( 'pgo_widgets' ); ?>
			<table class="form-table" role="presentation">
				<tr>
					<th scope="row"><label for="pgo-endpoint"><?php esc_html_e( 'Consultation endpoint', 'pgo-widgets' ); ?></label></th>
					<td><input type="url" id="pgo-endpoint" class="regular-text" name="<?php echo esc_attr( PGO_WIDGETS_OPTION ); ?>[endpoint]" value="<?php echo esc_attr( $settings['endpoint'] ); ?>" aria-describedby="pgo-endpoint-hint" />
					<p class="description" id="pgo-endpoint-hint"><?php esc_html_e( 'The address of the consultation server, for example https://consultation.example.fr.', 'pgo-widgets' ); ?></p></td>
				</tr>
				<tr>
					<th scope="row"><label for="pgo-consultation"><?php esc_html_e( 'Consultation id', 'pgo-widgets' ); ?></label></th>
					<td><input type="text" id="pgo-consultation" class="regular-text" name="<?php echo esc_attr( PGO_WIDGETS_OPTION ); ?>[consultation]" value="<?php echo esc_attr( $settings['consultation'] ); ?>" /></td>
				</tr>
				<tr>
					<th scope="row"><label for="pgo-theme"><?php esc_html_e( 'Theme', 'pgo-widgets' ); ?></label></th>
					<td><select id="pgo-theme" name="<?php echo esc_attr( PGO_WIDGETS_OPTION ); ?>[theme]">
						<?php foreach ( pgo_widgets_themes() as $value => $label ) : ?>
							<option value="<?php echo esc_attr( $value ); ?>" <?php selected( $settings['theme'], $value ); ?>><?php echo esc_html( $label ); ?></option>
						<?php endforeach; ?>
					</select></td>
				</tr>
			</table>
			<?php submit_button(); ?>
		</form>
	</div>
	<?php
}
