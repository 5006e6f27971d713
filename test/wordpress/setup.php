<?php
/**
 * Installs WordPress into the test site, activates the plugin, configures it and publishes the pages
 * the browser check opens. Prints one JSON object with what the checks need.
 * Usage: php setup.php <wordpress dir> <site url> <consultation endpoint> <consultation id> <proposal id>
 */

[$script, $dir, $site_url, $endpoint, $consultation, $proposal] = $argv;
define( 'WP_INSTALLING', true );
$_SERVER['HTTP_HOST'] = parse_url( $site_url, PHP_URL_HOST ) . ':' . parse_url( $site_url, PHP_URL_PORT );
require $dir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

$out = array();
wp_install( 'Mairie de Saint-Exemple', 'admin', 'admin@example.org', true, '', 'admin-password-123' );
update_option( 'siteurl', $site_url );
update_option( 'home', $site_url );
update_option( 'WPLANG', '' );
switch_theme( 'twentytwentyone' );

$activated         = activate_plugin( 'pgo-widgets/pgo-widgets.php' );
$out['activated']  = ! is_wp_error( $activated ) && is_plugin_active( 'pgo-widgets/pgo-widgets.php' );
wp_set_current_user( 1 );

// Settings validation: bad values are refused with clear messages, good ones kept.
$bad                      = pgo_widgets_sanitize_settings( array( 'endpoint' => 'javascript:alert(1)', 'consultation' => 'bad id!', 'theme' => 'neon' ) );
$out['settingsErrors']    = array_map( fn( $e ) => $e['code'] . ': ' . $e['message'], get_settings_errors( PGO_WIDGETS_OPTION ) );
$out['badSettingsStored'] = $bad;
update_option( PGO_WIDGETS_OPTION, pgo_widgets_sanitize_settings( array( 'endpoint' => $endpoint, 'consultation' => $consultation, 'theme' => 'dsfr' ) ) );
$out['settings'] = pgo_widgets_get_settings();

// A page using a shortcode and a block, published by the administrator.
$content  = "<p>Participez à la consultation de la ville.</p>\n";
$content .= "[pgo_phase_countdown compact]\n";
$content .= '<!-- wp:pgo-widgets/vote-button {"proposal":"' . $proposal . '","lang":"fr"} /-->' . "\n";
$content .= "[pgo_consultation][pgo_proposal_list][/pgo_consultation]\n";
$out['pageId']  = wp_insert_post( array( 'post_type' => 'page', 'post_status' => 'publish', 'post_title' => 'Consultation', 'post_content' => $content ) );
$out['pageUrl'] = get_permalink( $out['pageId'] );
$out['plainId'] = wp_insert_post( array( 'post_type' => 'page', 'post_status' => 'publish', 'post_title' => 'Sans widget', 'post_content' => '<p>Aucun widget ici.</p>' ) );
$out['plainUrl'] = get_permalink( $out['plainId'] );

// A contributor pastes elements and tries to smuggle other markup; WordPress's filter runs as for them.
$contributor = wp_insert_user( array( 'user_login' => 'contrib', 'user_pass' => 'contrib-password-123', 'role' => 'contributor', 'user_email' => 'c@example.org' ) );
wp_set_current_user( $contributor );
kses_init();
$smuggled  = '<pgo-vote-button proposal="' . $proposal . '" onclick="window.__pwned=1" data-evil="1" style="display:none">x</pgo-vote-button>';
$smuggled .= '<script>window.__pwned=1</script><iframe src="https://evil.example"></iframe><img src=x onerror="window.__pwned=1">';
$smuggled .= '<pgo-phase-countdown compact hide-timeline consultation="' . $consultation . '"></pgo-phase-countdown><pgo-unknown-thing></pgo-unknown-thing>';
$post_id = wp_insert_post( array( 'post_type' => 'post', 'post_status' => 'pending', 'post_title' => 'Contribution', 'post_content' => $smuggled ), true );
$out['contributorContent'] = get_post( $post_id )->post_content;
$out['contributorCanUnfiltered'] = current_user_can( 'unfiltered_html' );
wp_set_current_user( 1 );
// Publish it (as the editor would after review), so the browser can check it renders safely.
wp_update_post( array( 'ID' => $post_id, 'post_status' => 'publish' ) );
$out['contributorUrl'] = get_permalink( $post_id );

echo wp_json_encode( $out );
